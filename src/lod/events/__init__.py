"""Event records from data set files: ACLED-style conflict event exports and HXL-tagged tables.

``data/events/X.csv`` comes with ``X.yaml`` (title, publisher, licence; see ``docs/events.md``). Each row becomes
an event or a displacement observation in the graph ``<graph/dataset/X>``, with the row it came from
(``dis:SourceRow``) as its provenance; every cell that cannot be read is refused as ``file:row:column`` with
the rule it breaks, and the graph is checked by the same shapes as articles.
"""

from lod.events.graph import read_table
from lod.events.tables import TABLE_GLOB

__all__ = ["TABLE_GLOB", "read_table"]
