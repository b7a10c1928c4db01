"""Benchmarks for the assistant: ingest, query latency at scale, memory, start-up, embedding
backends and a peer system, written up as docs/benchmarks.md by ``make bench``."""
