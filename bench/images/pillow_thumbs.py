"""Pillow baseline for bench/images/run.sh: the same three JPEG thumbnails per image, on every core.

    /usr/bin/python3 pillow_thumbs.py FILE SIZES COUNT PROCESSES

Each size opens the file again so that Pillow's JPEG draft mode (DCT scaling, its shrink-on-load) applies,
which is Pillow's fastest path; EXIF orientation is applied as the engine does. Prints one JSON line.
"""
import io
import json
import sys
import time
from multiprocessing import Pool

from PIL import Image, ImageOps


def thumbnails(args):
    path, sizes = args
    for size in sizes:
        with Image.open(path) as image:
            image.thumbnail((size, size * 1000), Image.Resampling.LANCZOS, reducing_gap=2.0)
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=80)
    return 1


def main():
    path, sizes, count, processes = sys.argv[1], [int(s) for s in sys.argv[2].split(",")], int(sys.argv[3]), int(sys.argv[4])
    with Pool(processes) as pool:
        pool.map(thumbnails, [(path, sizes)] * processes)  # warm-up
        start = time.perf_counter()
        done = sum(pool.map(thumbnails, [(path, sizes)] * count, chunksize=1))
        elapsed = time.perf_counter() - start
    print(json.dumps({"mode": "pillow", "images": done, "seconds": round(elapsed, 3),
                      "imagesPerSecond": round(done / elapsed, 2), "thumbnailsPerSecond": round(done * len(sizes) / elapsed, 2),
                      "pillow": Image.__version__}))


if __name__ == "__main__":
    main()
