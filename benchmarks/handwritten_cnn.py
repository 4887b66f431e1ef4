"""The plain loop a user would write for the seed CNN (../shared/reference/cnn.md), nothing of hwprobe in it.

Build the model, make one random batch, 5 warm-up steps, then time each step with
time.perf_counter() for DURATION seconds and print the median as JSON: {"images_per_sec": ...}.
Usage: python benchmarks/handwritten_cnn.py torch|tensorflow train|infer BATCH DURATION
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time


def timed(step, duration: float) -> list[float]:
    for _ in range(5):
        step()
    times = []
    end = time.perf_counter() + duration
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    return times


def torch_loop(mode: str, batch: int, duration: float) -> list[float]:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    class Net(nn.Module):  # the seeds' PyTorch model
        def __init__(self) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(3, 32, 3)
            self.pool = nn.MaxPool2d(2, 2)
            self.conv2 = nn.Conv2d(32, 64, 3)
            self.conv3 = nn.Conv2d(64, 64, 3)
            self.fc1 = nn.Linear(64 * 4 * 4, 64)
            self.fc2 = nn.Linear(64, 10)

        def forward(self, x):
            x = self.pool(F.relu(self.conv1(x)))
            x = self.pool(F.relu(self.conv2(x)))
            x = F.relu(self.conv3(x))
            x = torch.flatten(x, 1)
            x = F.relu(self.fc1(x))
            return self.fc2(x)

    model = Net()
    x = torch.randn(batch, 3, 32, 32)
    y = torch.randint(0, 10, (batch,))
    if mode == "train":
        loss = nn.CrossEntropyLoss()
        opt = torch.optim.Adam(model.parameters())
        model.train()

        def step() -> None:
            opt.zero_grad()
            loss(model(x), y).backward()
            opt.step()
        return timed(step, duration)
    model.eval()
    with torch.inference_mode():
        return timed(lambda: model(x), duration)


def tf_loop(mode: str, batch: int, duration: float) -> list[float]:
    import tensorflow as tf
    from tensorflow.keras import layers, models

    model = models.Sequential([  # the seeds' Keras model
        layers.Input((32, 32, 3)),
        layers.Conv2D(32, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation="relu"),
        layers.Flatten(),
        layers.Dense(64, activation="relu"),
        layers.Dense(10),
    ])
    x = tf.random.normal((batch, 32, 32, 3))
    y = tf.random.uniform((batch,), 0, 10, dtype=tf.int32)
    if mode == "train":
        loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        opt = tf.keras.optimizers.Adam()

        @tf.function
        def train_step(x, y):
            with tf.GradientTape() as tape:
                value = loss(y, model(x, training=True))
            grads = tape.gradient(value, model.trainable_variables)
            opt.apply_gradients(zip(grads, model.trainable_variables))
            return value

        return timed(lambda: train_step(x, y).numpy(), duration)

    @tf.function
    def forward(x):
        return model(x, training=False)

    return timed(lambda: forward(x).numpy(), duration)


def main() -> None:
    framework, mode, batch, duration = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    times = (torch_loop if framework == "torch" else tf_loop)(mode, batch, duration)
    med = statistics.median(times)
    print(json.dumps({"images_per_sec": batch / med, "median_ms": med * 1e3, "runs": len(times),
                      "page_faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt}))


if __name__ == "__main__":
    main()
