#!/usr/bin/env python3
"""Fills a pgbench script template: @IDS@ becomes the id sample as an array literal, @NIDS@ its size.

  render.py TEMPLATE IDS_FILE OUT
"""
import sys

template, ids_file, out = sys.argv[1:4]
ids = [line.strip() for line in open(ids_file) if line.strip()]
text = open(template).read().replace("@IDS@", "{" + ",".join(ids) + "}").replace("@NIDS@", str(len(ids)))
open(out, "w").write(text)
