"""The SPARQL 1.1 Protocol endpoint: queries run in worker processes with time and memory limits, a cooldown
for queries that hit them, and workers confined from the network."""
