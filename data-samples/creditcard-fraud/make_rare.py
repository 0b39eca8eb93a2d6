"""Makes creditcard_rare.csv from creditcard_sample.csv: every normal transaction (Class 0) and 25 of the 492
frauds (Class 1), drawn with Python's random.Random(20240605).sample over the frauds in file order; rows keep the
order and the exact text of the sample file (header included). Run from this folder: python3 make_rare.py"""
import random

with open("creditcard_sample.csv", newline="") as f:
    lines = f.read().splitlines()
header, rows = lines[0], [l for l in lines[1:] if l]
frauds = [i for i, l in enumerate(rows) if l.rsplit(",", 1)[1] == "1"]
keep = set(random.Random(20240605).sample(frauds, 25))
with open("creditcard_rare.csv", "w", newline="") as f:
    f.write(header + "\n")
    for i, l in enumerate(rows):
        if l.rsplit(",", 1)[1] == "0" or i in keep:
            f.write(l + "\n")
