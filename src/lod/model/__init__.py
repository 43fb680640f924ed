"""An article and what it states: reading an article file, the typed records extraction, corrections and data
sets produce, and mapping those records to RDF in our model (docs/model.md)."""
