"""Pillow baseline for bench/images/run.sh: the same three JPEG thumbnails per image, on every core.

    /usr/bin/python3 pillow_thumbs.py FILE SIZES COUNT PROCESSES [draft|plain]

draft (default): each size opens the file again and uses Image.thumbnail(), so that Pillow's JPEG draft
mode (DCT scaling, its shrink-on-load) applies: Pillow's fastest path. plain: the common way, open once,
decode in full, and Image.resize() to each size with LANCZOS. EXIF orientation is applied as the engine
does. Prints one JSON line.
"""
import io
import json
import sys
import time
from multiprocessing import Pool

from PIL import Image, ImageOps


def thumbnails(args):
    path, sizes, mode = args
    if mode == "plain":
        with Image.open(path) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            for size in sizes:
                small = image.resize((size, round(image.height * size / image.width)), Image.Resampling.LANCZOS)
                small.save(io.BytesIO(), "JPEG", quality=80)
        return 1
    for size in sizes:
        with Image.open(path) as image:
            image.thumbnail((size, size * 1000), Image.Resampling.LANCZOS, reducing_gap=2.0)
            image = ImageOps.exif_transpose(image)
            image.convert("RGB").save(io.BytesIO(), "JPEG", quality=80)
    return 1


def main():
    path, sizes, count, processes = sys.argv[1], [int(s) for s in sys.argv[2].split(",")], int(sys.argv[3]), int(sys.argv[4])
    mode = sys.argv[5] if len(sys.argv) > 5 else "draft"
    with Pool(processes) as pool:
        pool.map(thumbnails, [(path, sizes, mode)] * processes)  # warm-up
        start = time.perf_counter()
        done = sum(pool.map(thumbnails, [(path, sizes, mode)] * count, chunksize=1))
        elapsed = time.perf_counter() - start
    print(json.dumps({"mode": f"pillow-{mode}", "images": done, "seconds": round(elapsed, 3),
                      "imagesPerSecond": round(done / elapsed, 2), "thumbnailsPerSecond": round(done * len(sizes) / elapsed, 2),
                      "pillow": Image.__version__}))


if __name__ == "__main__":
    main()
