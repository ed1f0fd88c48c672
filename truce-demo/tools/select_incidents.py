#!/usr/bin/env python3
# Truce, Copyright 2026 the Truce authors, licensed Apache-2.0.
#
# Selects the demo's UCDP GED events: a plain subset of the rows of the shared file
# events/ucdp_ged_syria_2016/ucdp_ged_syria_2016.csv (UCDP GED Syria 652.1601.1911, CC BY 4.0).
# Header, column order and every value are copied byte for byte; rows are sorted by date_start, then id.
#
#   python3 truce-demo/tools/select_incidents.py <shared-data-dir> [truce-demo-dir]

import csv
import io
import os
import sys

SOURCE = "events/ucdp_ged_syria_2016/ucdp_ged_syria_2016.csv"
TARGET = "src/main/resources/org/truce/demo/incidents-ucdp.csv"

# Places in and just around Aleppo city (UCDP where_coordinates values).
ALEPPO_CITY = {"Aleppo town"}
ALEPPO_EDGE = {
    "Handarat village", "Al Ramousah Military Complex", "Al Mallah farms", "Aleppo International Airport",
    "Kafr Hamrah village", "Al Rashidin 4 Sector", "Hreitan town", "Anadan town", "Khan Tuman town",
    "Khan Tuman dam", "Kafr Naha village", "Urum al Kubra town",
}

# (label, date_start from, date_start to, predicate) - all bounds inclusive.
def at(places):
    return lambda r: r["where_coordinates"] in places

def aleppo_city(r):
    return r["where_coordinates"] in ALEPPO_CITY

def aleppo_area(r):
    return r["where_coordinates"] in ALEPPO_CITY or r["where_coordinates"] in ALEPPO_EDGE

def sheikh_maqsoud_dyad(r):
    return aleppo_city(r) and "SDF" in r["dyad_name"]

def damascus(r):
    return r["adm_1"] in ("Damascus Governorate", "Rif Dimashq Governorate")

def deir_ez_zor(r):
    return r["adm_1"] == "Deir ez Zor Governorate" and r["where_coordinates"] in (
        "Deir ez Zor town", "Jabal Thurdah", "Deir ez Zor Military Airport", "Al Mariiyah village")

WINDOWS = [
    ("CoH day 0, Damascus and Rif Dimashq", "2016-02-26", "2016-02-29", damascus),
    ("CoH start, Aleppo city", "2016-02-26", "2016-03-05", aleppo_city),
    ("Sheikh Maqsoud shelling (dyads with the SDF)", "2016-02-01", "2016-04-30", sheikh_maqsoud_dyad),
    ("late April escalation, al-Quds hospital", "2016-04-22", "2016-05-04", aleppo_city),
    ("May regimes of calm", "2016-05-04", "2016-05-12", aleppo_area),
    ("Castello Road cut", "2016-07-01", "2016-07-10", aleppo_area),
    ("siege completed (Bani Zaid, Layramoun)", "2016-07-24", "2016-07-31", aleppo_area),
    ("Ramouseh breakthrough", "2016-08-01", "2016-08-08", aleppo_area),
    ("Ramouseh retaken", "2016-09-01", "2016-09-11", aleppo_area),
    ("Sept arrangement days, Aleppo", "2016-09-12", "2016-09-22", aleppo_area),
    ("Handarat", "2016-09-23", "2016-09-30", at({"Handarat village"})),
    ("humanitarian pause", "2016-10-17", "2016-10-23", aleppo_area),
    ("Nov-Dec offensive", "2016-11-15", "2016-12-22", aleppo_area),
    ("Urum al-Kubra", "2016-01-01", "2016-12-31", at({"Urum al Kubra town"})),
    ("Jarablus", "2016-01-01", "2016-12-31", at({"Jarabulus town"})),
    ("Manbij town, Aug 2016", "2016-08-01", "2016-08-20", at({"Manbij town"})),
    ("al-Bab town, Aug-Dec 2016", "2016-08-20", "2016-12-31", at({"Al Bab town"})),
    ("Palmyra, Mar 2016", "2016-03-15", "2016-03-31", at({"Tadmur/Palmyra town"})),
    ("Palmyra, Dec 2016", "2016-12-01", "2016-12-17", at({"Tadmur/Palmyra town", "Tadmur district"})),
    ("Deir ez-Zor, 16-18 Sep 2016", "2016-09-16", "2016-09-18", deir_ez_zor),
]

# Events cited as sources in areas-spec.json, agreements.json, actors.json or the data README.
CITED = {
    215936, 216662, 217101, 217105, 217118, 218935, 219224, 219296, 223918, 224867, 226745, 227050, 227182,
    227603, 227612, 227616, 228551, 228697, 230149, 230192, 230553, 233199, 233380, 235163, 235191, 235220,
    235240, 235245, 235309, 235524, 235532, 235569, 235733, 301214, 301227, 317322, 317520, 318199, 318319,
    227936, 227953, 226407, 233907, 235123, 231306, 223973, 224648,
}


def raw_records(text):
    """Split RFC-4180 text into (raw record text, parsed fields) without re-encoding anything."""
    records, start, inside, i = [], 0, False, 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            inside = not inside
        elif ch == "\n" and not inside:
            raw = text[start:i + 1]
            records.append((raw, next(csv.reader(io.StringIO(raw)))))
            start = i + 1
        i += 1
    if start < len(text):
        raw = text[start:]
        records.append((raw if raw.endswith("\n") else raw + "\n", next(csv.reader(io.StringIO(raw)))))
    return records


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
    module = sys.argv[2] if len(sys.argv) > 2 else "truce-demo"
    with open(os.path.join(shared, SOURCE), encoding="utf-8", newline="") as f:
        text = f.read()
    records = raw_records(text)
    header_raw, header = records[0]
    chosen, why = {}, {}
    for raw, fields in records[1:]:
        row = dict(zip(header, fields))
        for label, lo, hi, pred in WINDOWS:
            if lo <= row["date_start"] <= hi and pred(row):
                chosen[int(row["id"])] = (row["date_start"], raw)
                why.setdefault(label, 0)
                why[label] += 1
        if int(row["id"]) in CITED:
            chosen[int(row["id"])] = (row["date_start"], raw)
    missing = CITED - set(chosen)
    if missing:
        raise SystemExit("cited events not found: %s" % sorted(missing))
    out = os.path.join(module, TARGET)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(header_raw)
        for event_id in sorted(chosen, key=lambda k: (chosen[k][0], k)):
            f.write(chosen[event_id][1])
    for label, _, _, _ in WINDOWS:
        print("%5d  %s" % (why.get(label, 0), label))
    print("%5d  rows written to %s" % (len(chosen), out))


if __name__ == "__main__":
    main()
