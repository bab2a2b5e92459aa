"""Running the pipeline at scale.

- ``batch``: the engine-neutral batch function (records in, flat Parquet-friendly rows out) and
  its inverse, shared by every engine;
- ``parallel``: local multi-process ingest into the store (one writer, resumable);
- ``dask_job``: ``communique distributed`` (Dask bag -> Parquet) and ``communique load``;
- ``spark_job``: the same batch function under PySpark ``mapInPandas``.
"""
