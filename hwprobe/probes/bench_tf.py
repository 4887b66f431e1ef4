"""The seed CNN in TensorFlow/Keras on one device: the train and infer steps the benchmark child times.

The steps are cnn.md's hand-written loop: one `@tf.function` train step (GradientTape,
cross-entropy on logits, `optimizer.apply_gradients`) and one `@tf.function` forward call. Each
step reads its result back (`.numpy()`): TensorFlow runs GPU work asynchronously, and reading a
result is the documented way to wait for it.
"""

from __future__ import annotations

import os
from typing import Any, Callable, ContextManager

from hwprobe.probes import cnn

OPTIONS = ("threads", "interop_threads", "jit_compile", "onednn")


def device_name(kind: str, index: int) -> str:
    """hwprobe's device kind -> TensorFlow's device string (CUDA, ROCm and Metal GPUs are all GPU:N)."""
    if kind == "cpu":
        return "/CPU:0"
    if kind in ("cuda", "rocm", "mps"):
        return f"/GPU:{index}"
    if kind == "xpu":
        return f"/XPU:{index}"
    raise ValueError(f"TensorFlow {kind} devices need a distribution strategy; not benchmarked here")


def configure_before_import(config: dict[str, Any]) -> None:
    """oneDNN is chosen when TensorFlow loads (TF_ENABLE_ONEDNN_OPTS, read at import)."""
    if config.get("onednn") is not None:
        os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1" if config["onednn"] else "0"


def configure_threads(tf: Any, config: dict[str, Any]) -> None:
    """Before the first op: TensorFlow fixes its thread pools when the runtime starts."""
    if config.get("threads"):
        tf.config.threading.set_intra_op_parallelism_threads(int(config["threads"]))
    if config.get("interop_threads"):
        tf.config.threading.set_inter_op_parallelism_threads(int(config["interop_threads"]))


class TfBench:
    def __init__(self, tf: Any, kind: str, index: int, batch_size: int, config: dict[str, Any]) -> None:
        import keras

        self.tf, self.keras = tf, keras
        self.kind = kind
        self.dev = device_name(kind, index)
        self.batch_size = batch_size
        self.config = dict(config)
        self.jit = bool(config.get("jit_compile"))
        keras.utils.set_random_seed(0)
        with tf.device(self.dev):
            self.model = cnn.build_keras(keras)
            # Synthetic CIFAR-shaped batch, generated on the device.
            self.x = tf.random.normal((batch_size, *cnn.INPUT_HWC), seed=1)
            self.y = tf.random.uniform((batch_size,), 0, cnn.CLASSES, dtype=tf.int32, seed=2)
            self.opt = keras.optimizers.Adam()
        self.loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        model, loss, opt = self.model, self.loss, self.opt

        @tf.function(jit_compile=self.jit)
        def train_step(x: Any, y: Any) -> Any:
            with tf.GradientTape() as tape:
                value = loss(y, model(x, training=True))
            grads = tape.gradient(value, model.trainable_variables)
            opt.apply_gradients(zip(grads, model.trainable_variables))
            return value

        @tf.function(jit_compile=self.jit)
        def forward(x: Any) -> Any:
            return model(x, training=False)

        @tf.function(jit_compile=self.jit)
        def forward_training(x: Any) -> Any:
            return model(x, training=True)

        self.train_step, self.forward, self.forward_training = train_step, forward, forward_training

    def context(self, mode: str) -> ContextManager[Any]:
        return self.tf.device(self.dev)

    def step(self, mode: str) -> Callable[[], None]:
        x, y = self.x, self.y
        if mode == "train":
            train_step = self.train_step

            def train() -> None:
                train_step(x, y).numpy()
            return train
        forward = self.forward

        def infer() -> None:
            forward(x).numpy()
        return infer

    def check(self, mode: str) -> tuple[list[float], list[float]]:
        """Logits of the benchmarked function (same jit setting, same device) and float64 on the CPU."""
        import numpy as np

        tf = self.tf
        fn = self.forward_training if mode == "train" else self.forward
        got = np.asarray(fn(self.x).numpy(), dtype=np.float64).ravel().tolist()
        with tf.device("/CPU:0"):
            ref_model = cnn.build_keras(self.keras, "float64")
            ref_model.set_weights([np.asarray(w, dtype=np.float64) for w in self.model.get_weights()])
            xr = tf.cast(tf.identity(self.x), tf.float64)
            ref = np.asarray(ref_model(xr, training=False)).ravel().tolist()
        return got, ref

    def effective_config(self, mode: str) -> dict[str, Any]:
        tf = self.tf
        threading = tf.config.threading
        out: dict[str, Any] = {
            "framework_version": tf.__version__,
            "keras_version": getattr(self.keras, "__version__", None),
            # 0 means "let the runtime choose" (TensorFlow then sizes the pools from the cores it sees).
            "threads": threading.get_intra_op_parallelism_threads(),
            "interop_threads": threading.get_inter_op_parallelism_threads(),
            "jit_compile": self.jit,
            "onednn": os.environ.get("TF_ENABLE_ONEDNN_OPTS", "default"),
            "optimizer": "keras Adam(learning_rate=0.001)" if mode == "train" else None,
            "dtype": "float32",
            "layout": "NHWC",
            "step": "tf.function: GradientTape, cross-entropy, apply_gradients" if mode == "train"
                    else "tf.function forward (training=False)",
            "synchronize": "result read back with .numpy()",
            "data": "synthetic CIFAR-10-shaped batch generated on the device, reused every step",
        }
        env = {k: v for k, v in os.environ.items()
               if k in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "TF_XLA_FLAGS",
                        "CUDA_VISIBLE_DEVICES", "TF_GPU_ALLOCATOR", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "LD_PRELOAD")}
        if env:
            out["env"] = env
        return out


def logits_for(tf: Any, canonical: list[tuple[Any, Any]], x_nchw: Any) -> list[float]:
    """The net's logits on the CPU for canonical weights and an NCHW float32 batch (the cross-framework check)."""
    import keras
    import numpy as np

    with tf.device("/CPU:0"):
        model = cnn.build_keras(keras)
        model.set_weights(cnn.keras_from_canonical(canonical))
        x = np.transpose(np.asarray(x_nchw, dtype=np.float32), (0, 2, 3, 1))  # NCHW -> NHWC
        return np.asarray(model(x, training=False)).ravel().tolist()
