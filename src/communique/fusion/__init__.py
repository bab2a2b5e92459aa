"""Fusion across articles: story clustering (``stories``) and same-event merging (``events``)."""
from .events import fuse_events
from .records import ClusterMember, ConflictValue, EventCluster
from .stories import cluster_stories

__all__ = ["ClusterMember", "ConflictValue", "EventCluster", "cluster_stories", "fuse_events"]
