"""scikit-learn reference for `npm run bench:ngram`: the n-gram logistic regression
of src/models/ngram on the same splits. Reads one JSON object on stdin
({options, tasks: [{name, seed, classes, train: {texts, labels}, scored: {split: {texts, labels}}}]}),
prints one JSON object per task and seed."""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

job = json.load(sys.stdin)
o = job["options"]


def vectorizers():
    return [
        TfidfVectorizer(analyzer="char_wb", ngram_range=(o["char"]["min"], o["char"]["max"]), min_df=o["minDf"]),
        TfidfVectorizer(analyzer="word", ngram_range=(o["word"]["min"], o["word"]["max"]), min_df=o["minDf"]),
    ]


for t in job["tasks"]:
    t0 = time.perf_counter()
    c0 = time.process_time()
    vs = vectorizers()
    x = sp.hstack([v.fit_transform(t["train"]["texts"]) for v in vs]).tocsr()
    # multinomial for two classes too, as ours (scikit-learn's 'auto' would fit one binomial weight vector).
    lr = LogisticRegression(C=o["C"], tol=o["tol"], max_iter=o["maxIter"], multi_class="multinomial", solver="lbfgs")
    lr.fit(x, np.asarray(t["train"]["labels"]))
    fit_s = time.perf_counter() - t0
    acc = {}
    for split, s in t["scored"].items():
        xs = sp.hstack([v.transform(s["texts"]) for v in vs]).tocsr()
        acc[split] = float((lr.predict(xs) == np.asarray(s["labels"])).mean())
    print(json.dumps({"task": t["name"], "seed": t["seed"], "features": x.shape[1], "iterations": int(lr.n_iter_.max()), "acc": acc, "seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0, "fit_seconds": fit_s}), flush=True)
