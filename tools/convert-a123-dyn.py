#!/usr/bin/python3
"""Turns a measured A123 26650 LFP test (MATLAB file of "Lithium-ion Battery OCV and Dynamic Test
Data of a LiFePO4 cylindrical cell", Kawakita de Souza, Mendeley Data, doi:10.17632/p8kf893yv3.1,
CC BY 4.0) into a log for `lfpbms replay`: time_s,current_A,voltage_V[,temperature_C],soc_ref.

Usage: tools/convert-a123-dyn.py MAT OUT [--step S] [--capacity-Ah Q]
  MAT   a DYNdata file (A002_DYN_20_P25.mat: struct DYNData with script1...3) or a single
        record (Miscellaneous/A002_UDDS_P25.mat: struct Data, which then needs --capacity-Ah)
  OUT   the CSV to write
  S     seconds per row (default 10)

DYNdata files: script1 starts full (after a CC/CV charge to 3.6 V), runs the dynamic profile
down to about 10 % SOC; script2 rests, then discharges at C/3 to 1.9 V and holds 2.0 V, which is
0 % SOC; script3 charges back to full. The reference SOC follows Plett's processing of such
tests: the coulombic efficiency eta = all Ah discharged / all Ah charged over the three scripts,
the capacity Q = Ah discharged - eta x Ah charged over scripts 1 and 2, and
soc_ref = 1 - (discharged - eta x charged) / Q from the cycler's own Ah counters. Rows are the
test's samples every S seconds; current_A is the mean over the step ending at the row, taken
from the Ah counters (so that summing current x step gives back the cycler's charge exactly),
+ charging (the data's convention is + discharging). Standard library only: the MATLAB 5 format
is read here.
"""
import argparse
import struct
import sys
import zlib

NUMERIC = {1: "b", 2: "B", 3: "h", 4: "H", 5: "i", 6: "I", 7: "f", 9: "d", 12: "q", 13: "Q"}
MI_MATRIX, MI_COMPRESSED = 14, 15
SOURCE = (
    "A123 26650 LFP cell, Kawakita de Souza (2021), Lithium-ion Battery OCV and Dynamic Test Data "
    "of a LiFePO4 cylindrical cell, Mendeley Data, doi:10.17632/p8kf893yv3.1, CC BY 4.0"
)
CLASS_CELL, CLASS_STRUCT, CLASS_CHAR = 1, 2, 4


def elements(buf, pos, end):
    """(type, bytes) of each MATLAB 5 data element in buf[pos:end]; compressed ones unpacked."""
    while pos + 8 <= end:
        kind, size = struct.unpack_from("<II", buf, pos)
        if kind >> 16:  # small element: size and type share the first word
            yield kind & 0xFFFF, buf[pos + 4 : pos + 4 + (kind >> 16)]
            pos += 8
            continue
        data = buf[pos + 8 : pos + 8 + size]
        pos += 8 + (size + 7) // 8 * 8
        if kind == MI_COMPRESSED:
            inner = zlib.decompress(data)
            yield from elements(inner, 0, len(inner))
        else:
            yield kind, data


def numbers(kind, data):
    code = NUMERIC[kind]
    return list(struct.unpack("<%d%s" % (len(data) // struct.calcsize(code), code), data))


def matrix(data):
    """(name, value) of one miMATRIX: numeric arrays as lists, structs as dicts."""
    parts = list(elements(data, 0, len(data)))
    cls = numbers(*parts[0])[0] & 0xFF
    name = parts[2][1].decode()
    if cls == CLASS_STRUCT:
        width = numbers(*parts[3])[0]
        raw = parts[4][1]
        fields = [raw[i : i + width].split(b"\0")[0].decode() for i in range(0, len(raw), width)]
        values = [matrix(d)[1] for _, d in parts[5:]]
        return name, dict(zip(fields, values))  # a 1x1 struct is all these files hold
    if cls == CLASS_CELL:
        return name, [matrix(d)[1] for _, d in parts[3:]]
    kind, d = parts[3]
    if cls == CLASS_CHAR:
        return name, "".join(map(chr, numbers(kind, d)))
    return name, numbers(kind, d) if d else []


def load_mat(path):
    with open(path, "rb") as f:
        buf = f.read()
    if not buf.startswith(b"MATLAB 5.0 MAT-file"):
        sys.exit(f"{path}: not a MATLAB 5 file (version 7.3 files are HDF5: save them with -v7)")
    return dict(matrix(d) for kind, d in elements(buf, 128, len(buf)) if kind == MI_MATRIX)


def join_scripts(scripts):
    """One record from consecutive scripts: times and Ah counters continue across them."""
    out = {k: [] for k in ("time", "current", "voltage", "chgAh", "disAh")}
    chg0 = dis0 = 0.0
    for s in scripts:
        base = out["time"][-1] + 1.0 - s["time"][0] if out["time"] else -s["time"][0]
        out["time"] += [t + base for t in s["time"]]
        out["current"] += s["current"]
        out["voltage"] += s["voltage"]
        out["chgAh"] += [a + chg0 for a in s["chgAh"]]
        out["disAh"] += [a + dis0 for a in s["disAh"]]
        chg0, dis0 = out["chgAh"][-1], out["disAh"][-1]
    return out


def dyn_record(data):
    """Scripts 1 and 2 (full to empty) and Plett's efficiency and capacity."""
    s1, s2, s3 = (data[f"script{i}"] for i in (1, 2, 3))
    dis = sum(s["disAh"][-1] for s in (s1, s2, s3))
    chg = sum(s["chgAh"][-1] for s in (s1, s2, s3))
    eta = dis / chg
    record = join_scripts([s1, s2])
    capacity = record["disAh"][-1] - eta * record["chgAh"][-1]
    return record, eta, capacity


def fixed(x, decimals):
    """x with `decimals` places, never "-0.000" (a rounded tiny negative reads as a sign)."""
    text = f"{x:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def rows(record, eta, capacity, step_s):
    t, v = record["time"], record["voltage"]
    chg, dis = record["chgAh"], record["disAh"]
    temp = record.get("Ts1") or record.get("Ts")
    keep = [0]
    for i in range(1, len(t)):
        # On the grid of step_s, but never two rows closer than half a step: after a gap in
        # the samples the grid must not catch up with rows that round to the same time.
        due = t[i] - t[0] >= len(keep) * step_s - 1e-6
        if due and t[i] - t[keep[-1]] >= step_s / 2:
            keep.append(i)
    prev = 0
    for i in keep:
        dt = t[i] - t[prev]
        net_Ah = (chg[i] - chg[prev]) - (dis[i] - dis[prev])
        current = net_Ah * 3600.0 / dt if dt > 0 else -record["current"][i]
        soc = 1.0 - (dis[i] - eta * chg[i]) / capacity
        row = [fixed(t[i] - t[0], 1), fixed(current, 4), fixed(v[i], 4)]
        if temp:
            row.append(fixed(temp[i], 2))
        yield row + [fixed(soc, 5)]
        prev = i


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("mat")
    p.add_argument("out")
    p.add_argument("--step", type=float, default=10.0)
    p.add_argument("--capacity-Ah", type=float)
    a = p.parse_args()
    data = load_mat(a.mat)
    if "DYNData" in data:
        record, eta, capacity = dyn_record(data["DYNData"])
    elif "Data" in data and a.capacity_Ah:
        record, eta, capacity = data["Data"], 1.0, a.capacity_Ah  # starts full
    else:
        sys.exit(f"{a.mat}: neither DYNData nor (Data with --capacity-Ah)")
    has_temp = bool(record.get("Ts1") or record.get("Ts"))
    with open(a.out, "w", newline="\n") as f:
        f.write(f"# {SOURCE}\n# converted from {a.mat.split('/')[-1]} by tools/convert-a123-dyn.py\n")
        f.write("time_s,current_A,voltage_V" + (",temperature_C" if has_temp else "") + ",soc_ref\n")
        n = 0
        for row in rows(record, eta, capacity, a.step):
            f.write(",".join(row) + "\n")
            n += 1
    print(f"{a.out}: {n} rows, capacity {capacity:.4f} Ah, coulombic efficiency {eta:.4f}")


if __name__ == "__main__":
    main()
