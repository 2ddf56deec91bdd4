"""Two feature-row tasks from scikit-learn's bundled data sets (installed from Debian:
python3-sklearn; nothing is downloaded), as JSONL that `w2s run --data FILE
--features-field features` reads:

  digits.jsonl          load_digits: 8x8 images, digit < 5 against >= 5 (1,797 rows)
  breast-cancer.jsonl   load_breast_cancer: 30 measurements, malignant or benign (569 rows),
                        each feature standardised

  /usr/bin/python3 bench/sklearn_tasks.py [OUT_DIR]     (default: bench/out/sklearn-tasks)
"""
import json
import os
import sys

from sklearn.datasets import load_breast_cancer, load_digits

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join("bench", "out", "sklearn-tasks")
os.makedirs(out, exist_ok=True)


def write(name, rows):
    path = os.path.join(out, name)
    with open(path + ".tmp", "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    os.replace(path + ".tmp", path)
    print(f"{path}: {len(rows)} rows")


d = load_digits()
write("digits.jsonl", [
    {"id": f"digit-{i}", "features": [float(v) / 16 for v in x], "label": "low" if y < 5 else "high"}
    for i, (x, y) in enumerate(zip(d.data, d.target))
])
b = load_breast_cancer()
mu = b.data.mean(axis=0)
sd = b.data.std(axis=0)
write("breast-cancer.jsonl", [
    {"id": f"case-{i}", "features": [round(float(v), 6) for v in (x - mu) / sd], "label": str(b.target_names[y])}
    for i, (x, y) in enumerate(zip(b.data, b.target))
])
