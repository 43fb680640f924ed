"""What a build publishes besides the store: the dumps (N-Quads, N-Triples, Turtle, JSON-LD), the VoID
description, the spreadsheets of figures and events, and the summaries the pages show."""
