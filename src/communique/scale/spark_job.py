"""Optional Spark adapter: the same batch function (``scale.batch.process_records``) under PySpark.

PySpark is not a dependency (``pip install 'communique[spark]'``; it needs Java 17+).  Usage::

    communique spark INPUT... OUTPUT [--master local[2]] [--partitions N]

or from Python, with your own session::

    from communique.scale.spark_job import run_spark
    run_spark(["articles.jsonl.gz"], "out/", spark=spark_session, partitions=64)

How it works: the driver reads the inputs with ``communique.sources`` into a DataFrame of
article records (id, text, title, date, source, url, origin, dateline); ``mapInPandas`` runs
``process_records`` on each partition's record batches, with the pipeline cached in each
Python worker (``batch.get_pipeline``; set ``spark.python.worker.reuse=true``, the default, so
it is loaded once per worker process).  Since ``mapInPandas`` has one output schema, each
output row is ``(table, row)`` with the row as JSON; the result is persisted once and split
into the six tables with ``from_json`` using ``batch.SCHEMAS``, then written as Parquet
directories ``OUTPUT/<table>/`` -- the same layout as ``communique distributed``, so
``communique load OUTPUT`` works on it too.

Locally: set ``PYSPARK_PYTHON`` to the running interpreter and ``SPARK_LOCAL_IP=127.0.0.1``
(done by ``run_spark`` when it creates the session).
"""
from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterator
from typing import Any

from .batch import ARTICLE_FIELDS, SCHEMAS, TABLES

_SPARK_TYPES = {"string": "STRING", "json": "STRING", "int64": "BIGINT", "float64": "DOUBLE",
                "bool": "BOOLEAN"}
INPUT_DDL = ", ".join(f"`{f}` STRING" for f in ARTICLE_FIELDS)
OUTPUT_DDL = "`table` STRING, `row` STRING"


def table_ddl(table: str) -> str:
    """Spark DDL of one output table, from ``batch.SCHEMAS``."""
    return ", ".join(f"`{name}` {_SPARK_TYPES[t]}" for name, t in SCHEMAS[table].items())


def make_partition_fn(model: str | None = None, batch_size: int = 32):
    """The ``mapInPandas`` function: pandas batches of article records -> (table, JSON row)."""
    def fn(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from .batch import process_records

        for pdf in batches:
            records = [{k: None if isinstance(v, float) and math.isnan(v) else v for k, v in r.items()}
                       for r in pdf.to_dict(orient="records")]
            rows = process_records(records, model, clean=False, batch_size=batch_size)
            out = [(t, json.dumps(r, ensure_ascii=False)) for t in TABLES for r in rows[t]]
            yield pd.DataFrame(out, columns=["table", "row"])
    return fn


def run_spark(inputs: list[str], output: str, spark=None, master: str = "local[2]",
              partitions: int | None = None, model: str | None = None, batch_size: int = 32) -> dict[str, int]:
    """Analyse ``inputs`` with Spark and write Parquet tables under ``output``; returns row counts."""
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from ..model import Rejected
    from ..sources import read_inputs
    from .batch import article_record

    own = spark is None
    if own:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        spark = (SparkSession.builder.master(master).appName("communique")
                 .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(max(batch_size * 2, 64)))
                 .getOrCreate())
    try:
        records, rejected = [], []
        for item in read_inputs(inputs):
            if isinstance(item, Rejected):
                rejected.append({"origin": item.origin, "reason": item.reason})
            else:
                records.append(tuple(article_record(item)[f] for f in ARTICLE_FIELDS))
        df = spark.createDataFrame(records, schema=INPUT_DDL)
        df = df.repartition(partitions or max(2, spark.sparkContext.defaultParallelism))
        mixed = df.mapInPandas(make_partition_fn(model, batch_size), schema=OUTPUT_DDL).persist()
        counts: dict[str, int] = {}
        for t in TABLES:
            part = (mixed.where(F.col("table") == t)
                    .select(F.from_json("row", table_ddl(t)).alias("r")).select("r.*"))
            if t == "rejected" and rejected:
                part = part.unionByName(spark.createDataFrame(rejected, schema=table_ddl(t)))
            part.write.mode("overwrite").parquet(os.path.join(output, t))
            counts[t] = spark.read.parquet(os.path.join(output, t)).count()
        mixed.unpersist()
        return counts
    finally:
        if own:
            spark.stop()


def cmd_spark(args) -> int:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("communique: spark needs pyspark and Java 17+ (pip install 'communique[spark]')",
              file=sys.stderr)
        return 2
    *inputs, output = args.paths
    if not inputs:
        print("communique: spark needs INPUT... OUTPUT", file=sys.stderr)
        return 2
    counts = run_spark(inputs, output, master=args.master, partitions=args.partitions, model=args.model)
    print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" -> {output}")
    return 0


def register(subparsers) -> None:
    sp = subparsers.add_parser("spark", help="run the pipeline on Spark (optional, needs pyspark) -> Parquet",
                               description="Analyse articles with PySpark mapInPandas and write the same "
                                           "Parquet tables as `communique distributed`.")
    sp.add_argument("paths", nargs="+", metavar="INPUT... OUTPUT")
    sp.add_argument("--master", default="local[2]", help="Spark master (local[2])")
    sp.add_argument("--partitions", type=int, help="number of partitions")
    sp.add_argument("--model", default=None, help="spaCy pipeline")
    sp.set_defaults(func=cmd_spark)


__all__ = ["INPUT_DDL", "make_partition_fn", "register", "run_spark", "table_ddl"]
