#!/usr/bin/env python3
# Truce, Copyright 2026 the Truce authors, licensed Apache-2.0.
#
# Rewrites hand-edited demo JSON files (actors.json, agreements.json) in the house style:
# 2-space indentation, UTF-8 without escapes, key order kept, short arrays of scalars and
# small flat objects (e.g. aliases) on one line.
#
#   python3 truce-demo/tools/tidy_json.py truce-demo/src/main/resources/org/truce/demo/actors.json ...

import json
import sys

WIDTH = 110


def scalar(v):
    return not isinstance(v, (dict, list))


def dumps(v, indent=0):
    pad = " " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        if all(scalar(x) for x in v.values()):
            one = "{" + ", ".join(json.dumps(k, ensure_ascii=False) + ": " + json.dumps(x, ensure_ascii=False)
                                  for k, x in v.items()) + "}"
            if len(one) + indent <= WIDTH:
                return one
        items = [pad + "  " + json.dumps(k, ensure_ascii=False) + ": " + dumps(x, indent + 2) for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        if all(scalar(x) for x in v):
            one = "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in v) + "]"
            if len(one) + indent <= WIDTH:
                return one
        return "[\n" + ",\n".join(pad + "  " + dumps(x, indent + 2) for x in v) + "\n" + pad + "]"
    return json.dumps(v, ensure_ascii=False)


def main():
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        with open(path, "w", encoding="utf-8") as f:
            f.write(dumps(data) + "\n")


if __name__ == "__main__":
    main()
