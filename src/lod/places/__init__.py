"""Places and the reference data: the gazetteer, administrative boundaries, reconciling place names as people
write them (folding, fuzzy matching), the label search, and the reference graph (gazetteer and organizations)."""
