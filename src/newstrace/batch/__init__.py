"""Batch runs: partitions analysed on Dask or local worker processes, kept as Parquet
shards, stored by one writer (`run.run_batch`)."""
