"""Ingest peer: pandas read_csv + groupby(['don_vi','danh_hieu']).size(), printed.
Usage: ingest_pandas.py INPUT.csv [OUTPUT]   (the counts go to stdout; OUTPUT is unused)"""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1])
counts = df.groupby(["don_vi", "danh_hieu"]).size()
print(counts.to_string())
print(f"groups={len(counts)} rows={len(df)}")
