"""Writes input events into the FIFOs of a fake input root, at real rates, as the kernel would.

Usage: input_writer.py JOB...   where each JOB runs on its own thread:
  pad:PATH:HZ:SECONDS     a stick pushed and swung (ABS_X/ABS_Y) and buttons pressed now and then,
                          one SYN_REPORT group per frame at HZ
  type:PATH:TEXT_FILE     a person typing the file's prose: press, a short dwell, release, a pause;
                          never held long enough to autorepeat (no value 2)
Prints "done JOB" per finished job. struct input_event follows this interpreter's C long (24 bytes
on 64-bit), the same as the reading JVM's on the same machine.
"""
import ctypes
import math
import random
import struct
import sys
import threading
import time

LONG = ctypes.sizeof(ctypes.c_long)
EVENT = struct.Struct("=qqHHi" if LONG == 8 else "=iiHHi")
EV_SYN, EV_KEY, EV_ABS = 0, 1, 3
ABS_X, ABS_Y = 0, 1
BTN_SOUTH, BTN_EAST = 0x130, 0x131
KEY_LEFTSHIFT, KEY_SPACE, KEY_ENTER = 42, 57, 28
KEYS = {c: k for c, k in zip("qwertyuiop", range(16, 26))}
KEYS.update({c: k for c, k in zip("asdfghjkl", range(30, 39))})
KEYS.update({c: k for c, k in zip("zxcvbnm", range(44, 51))})
KEYS.update({",": 51, ".": 52, "/": 53, ";": 39, "'": 40, "-": 12, " ": KEY_SPACE, "\n": KEY_ENTER})
KEYS.update({str(d): 2 + (d - 1) % 10 for d in range(10)})


def event(type_, code, value):
    now = time.time()
    return EVENT.pack(int(now), int((now % 1) * 1_000_000), type_, code, value)


def syn():
    return event(EV_SYN, 0, 0)


def pad(path, hz, seconds):
    period = 1.0 / float(hz)
    frames = int(float(seconds) * float(hz))
    start = time.monotonic()
    with open(path, "wb", buffering=0) as out:
        for i in range(frames):
            phase = i * period
            # a thumb swinging the stick: fast enough that every frame moves it beyond the driver's
            # fuzz (1/100 of the range), as a pad's events are only sent when a value changes
            x = int(26000 * math.sin(phase * 10.0))
            y = int(-20000 - 8000 * math.sin(phase * 13.0))
            batch = event(EV_ABS, ABS_X, x) + event(EV_ABS, ABS_Y, y)
            if i % 30 == 0:
                batch += event(EV_KEY, BTN_SOUTH, 1)
            elif i % 30 == 5:
                batch += event(EV_KEY, BTN_SOUTH, 0)
            out.write(batch + syn())
            delay = start + (i + 1) * period - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        out.write(event(EV_ABS, ABS_X, 0) + event(EV_ABS, ABS_Y, 0) + syn())


def type_(path, text_file):
    rnd = random.Random(15)
    with open(text_file, encoding="utf-8") as f:
        text = f.read()
    with open(path, "wb", buffering=0) as out:
        for char in text:
            key = KEYS.get(char.lower())
            if key is None:
                continue
            shift = char.isupper()
            if shift:
                out.write(event(EV_KEY, KEY_LEFTSHIFT, 1) + syn())
            out.write(event(EV_KEY, key, 1) + syn())
            time.sleep(rnd.uniform(0.04, 0.11))  # dwell: well under the 250 ms repeat delay
            out.write(event(EV_KEY, key, 0) + syn())
            if shift:
                out.write(event(EV_KEY, KEY_LEFTSHIFT, 0) + syn())
            time.sleep(rnd.uniform(0.03, 0.12))


def run(job):
    kind, rest = job.split(":", 1)
    if kind == "pad":
        path, hz, seconds = rest.rsplit(":", 2)
        pad(path, hz, seconds)
    elif kind == "type":
        path, text_file = rest.split(":", 1)
        type_(path, text_file)
    else:
        raise SystemExit("unknown job " + job)
    print("done " + job, flush=True)


threads = [threading.Thread(target=run, args=(job,)) for job in sys.argv[1:]]
for t in threads:
    t.start()
for t in threads:
    t.join()
