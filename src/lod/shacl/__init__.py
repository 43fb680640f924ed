"""A SHACL validator of our own: SHACL Core on dict indexes, SHACL-SPARQL constraints in Oxigraph.

The shapes graph is compiled once (:class:`Validator`); each validation indexes its data (an article's graph and
the context it links to, a few hundred triples) and reports :class:`Finding` records. pySHACL stays the reference
it is tested against (tests/shacl/).
"""

from lod.shacl.finding import Finding, report_graph
from lod.shacl.paths import ShapesError
from lod.shacl.validator import Validator

__all__ = ["Finding", "ShapesError", "Validator", "report_graph"]
