"""Keras twin of bench/workloads.json for `replearn bench`: same models, losses, batch sizes, one compiled training step
(tf.function) per batch; one JSON line per workload.

usage: python3 keras_twin.py WORKLOADS_JSON STEPS WARMUP THREADS NAME...
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

from twin_timing import thread_label, time_workloads  # bench/ is on sys.path: the script runs from there


def network(w):
    layers = [keras.Input(shape=tuple(w["input"]))]
    for spec in w["layers"]:
        if "dense" in spec:
            layers.append(keras.layers.Dense(spec["dense"], activation=spec["act"]))
        elif "conv" in spec:
            layers.append(keras.layers.Conv2D(spec["conv"], spec["kernel"], padding="same", activation=spec["act"]))
        elif "pool" in spec:
            layers.append(keras.layers.MaxPooling2D(spec["pool"]))
        else:
            layers.append(keras.layers.UpSampling2D(spec["up"]))
    return keras.Sequential(layers)


def stepper(w):
    keras.utils.set_random_seed(1)
    net = network(w)
    opt = keras.optimizers.Adam(1e-3)
    shape = [w["batch"]] + w["input"]
    pool = [dict(a=tf.random.uniform(shape), b=tf.random.uniform(shape), c=tf.random.uniform(shape),
                 same=tf.cast(tf.random.uniform([w["batch"]]) > 0.5, tf.float32)) for _ in range(3)]
    bce = keras.losses.BinaryCrossentropy()

    def loss(a, b, c, same):
        if w["kind"] == "autoencoder":
            return bce(a, net(a, training=True))
        if w["kind"] == "contrastive":
            d = tf.sqrt(tf.maximum(tf.reduce_sum(tf.square(net(a, training=True) - net(b, training=True)), 1), 1e-12))
            return tf.reduce_mean(same * d ** 2 + (1 - same) * tf.nn.relu(w["margin"] - d) ** 2)
        ea, ep, en = net(a, training=True), net(b, training=True), net(c, training=True)
        return tf.reduce_mean(tf.nn.relu(tf.reduce_sum(tf.square(ea - ep), 1) - tf.reduce_sum(tf.square(ea - en), 1) + w["margin"]))

    @tf.function
    def step(a, b, c, same):
        with tf.GradientTape() as tape:
            value = loss(a, b, c, same)
        opt.apply_gradients(zip(tape.gradient(value, net.trainable_variables), net.trainable_variables))
        return value

    state = {"k": 0}

    def run():
        step(**pool[state["k"]]).numpy()
        state["k"] = (state["k"] + 1) % len(pool)

    return run


def main():
    file, steps, warmup, threads, *names = sys.argv[1:]
    steps, warmup = int(steps), max(1, int(warmup))  # the first call traces the tf.function
    tf.config.threading.set_intra_op_parallelism_threads(int(threads))
    tf.config.threading.set_inter_op_parallelism_threads(1)
    time_workloads(json.load(open(file)), names, stepper, steps, warmup, f"keras {keras.__version__} / tf {tf.__version__} ({thread_label(threads)})")


if __name__ == "__main__":
    main()
