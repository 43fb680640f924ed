"""RDF building blocks every other package uses: the namespaces, minting and checking IRIs, N-Triples text,
reading RDF files, and graphs read lazily from N-Triples."""
