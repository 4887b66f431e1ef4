"""The seed CNN in PyTorch on one device: the train and infer steps the benchmark child times.

The steps are cnn.md's hand-written loop and nothing more: `opt.zero_grad(); loss(model(x), y)
.backward(); opt.step()` and `model(x)` under `torch.inference_mode()`, each followed by a device
synchronize on accelerators (torch.cuda.synchronize / torch.mps.synchronize / torch.xpu.synchronize:
kernels launch asynchronously, and a step's wall time without it is the launch time).
"""

from __future__ import annotations

import contextlib
import copy
import os
from typing import Any, Callable, ContextManager

from hwprobe.probes import cnn

# Options of a run (bench_child --config), all reported back in the row's config.
OPTIONS = ("threads", "interop_threads", "channels_last", "compile", "fused_adam", "omp_wait_policy",
           "malloc_keep_heap")  # the last one is applied by the parent (bench.job_env)


def device_name(kind: str, index: int) -> str:
    """hwprobe's device kind -> torch's device string (ROCm builds call their GPUs cuda:N)."""
    if kind == "cpu":
        return "cpu"
    if kind in ("cuda", "rocm"):
        return f"cuda:{index}"
    if kind == "mps":
        return "mps"
    if kind == "xpu":
        return f"xpu:{index}"
    raise ValueError(f"PyTorch has no {kind} device in this benchmark")


def configure_before_import(config: dict[str, Any]) -> None:
    """OpenMP reads OMP_WAIT_POLICY when torch loads it: PASSIVE makes idle workers sleep instead of
    spinning (https://gcc.gnu.org/onlinedocs/libgomp/OMP_005fWAIT_005fPOLICY.html), which matters when
    other processes compete for the cores and a spinning worker holds one the busy worker needs."""
    if config.get("omp_wait_policy"):
        os.environ["OMP_WAIT_POLICY"] = str(config["omp_wait_policy"]).upper()


def configure_threads(torch: Any, config: dict[str, Any]) -> None:
    """Before any parallel work: torch refuses to change the inter-op pool once it ran."""
    if config.get("threads"):
        torch.set_num_threads(int(config["threads"]))
    if config.get("interop_threads"):
        torch.set_num_interop_threads(int(config["interop_threads"]))


class TorchBench:
    def __init__(self, torch: Any, kind: str, index: int, batch_size: int, config: dict[str, Any]) -> None:
        self.torch = torch
        self.kind = kind
        self.dev = torch.device(device_name(kind, index))
        self.batch_size = batch_size
        self.config = dict(config)
        self.sync = self._synchronizer()
        torch.manual_seed(0)
        self.model = cnn.build_torch(torch).to(self.dev)
        # Synthetic CIFAR-shaped batch, generated on the device (no host-to-device copy in the loop);
        # torch.manual_seed seeds every device's generator.
        self.x = torch.randn(batch_size, 3, 32, 32, device=self.dev)
        self.y = torch.randint(0, cnn.CLASSES, (batch_size,), device=self.dev)
        if config.get("channels_last"):
            self.model = self.model.to(memory_format=torch.channels_last)
            self.x = self.x.contiguous(memory_format=torch.channels_last)
        self.fn: Callable[[Any], Any] = torch.compile(self.model) if config.get("compile") else self.model
        fused = bool(config.get("fused_adam"))
        self.opt = torch.optim.Adam(self.model.parameters(), fused=True) if fused else torch.optim.Adam(self.model.parameters())
        self.loss = torch.nn.CrossEntropyLoss()

    def _synchronizer(self) -> Callable[[], None]:
        torch, kind = self.torch, self.dev.type
        if kind == "cuda":
            dev = self.dev
            return lambda: torch.cuda.synchronize(dev)
        if kind == "mps":
            return torch.mps.synchronize
        if kind == "xpu":
            return torch.xpu.synchronize
        return lambda: None

    def context(self, mode: str) -> ContextManager[Any]:
        """Where the steps of `mode` run: inference mode for infer, as in the hand-written loop."""
        if mode == "infer":
            self.model.eval()
            return self.torch.inference_mode()
        self.model.train()
        return contextlib.nullcontext()

    def step(self, mode: str) -> Callable[[], None]:
        fn, x, y, opt, loss, sync = self.fn, self.x, self.y, self.opt, self.loss, self.sync
        if mode == "train":
            def train() -> None:
                opt.zero_grad()
                loss(fn(x), y).backward()
                opt.step()
                sync()
            return train

        def infer() -> None:
            fn(x)
            sync()
        return infer

    def check(self, mode: str) -> tuple[list[float], list[float]]:
        """Logits of the benchmarked function on the device, and of the same weights in float64 on the CPU.

        Called inside `context(mode)` right after the timed steps, so it checks exactly what was
        timed (channels-last, compiled, on the device), with the weights the steps left.
        """
        torch = self.torch
        got = self.fn(self.x)
        self.sync()
        # To the CPU first, then to float64: MPS has no float64, a cast there would fail.
        got = got.detach().cpu().double().flatten().tolist()
        with torch.inference_mode():
            ref_model = copy.deepcopy(self.model).cpu().double()  # the weights the steps left
            ref = ref_model(self.x.detach().cpu().double().contiguous()).flatten().tolist()
        return got, ref

    def effective_config(self, mode: str) -> dict[str, Any]:
        torch = self.torch
        out: dict[str, Any] = {
            "framework_version": torch.__version__,
            "device_name": self._device_label(),
            "threads": torch.get_num_threads(),
            "interop_threads": torch.get_num_interop_threads(),
            "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "default"),
            "channels_last": bool(self.config.get("channels_last")),
            "compile": bool(self.config.get("compile")),
            "optimizer": ("Adam(lr=0.001" + (", fused=True)" if self.config.get("fused_adam") else ")"))
                         if mode == "train" else None,
            "dtype": "float32",
            "layout": "NHWC (channels_last)" if self.config.get("channels_last") else "NCHW",
            "step": "zero_grad, forward, cross-entropy, backward, Adam step" if mode == "train"
                    else "forward under torch.inference_mode()",
            "synchronize": {"cuda": "torch.cuda.synchronize()", "mps": "torch.mps.synchronize()",
                            "xpu": "torch.xpu.synchronize()"}.get(self.dev.type, "none (CPU ops are synchronous)"),
            "data": "synthetic CIFAR-10-shaped batch generated on the device, reused every step",
        }
        if self.dev.type == "cpu":
            out["mkldnn"] = bool(torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled)
            try:
                out["cpu_capability"] = torch.backends.cpu.get_cpu_capability()
            except Exception:  # noqa: BLE001 - torch < 2.0
                pass
        if self.dev.type == "cuda":
            out["cudnn_benchmark"] = bool(torch.backends.cudnn.benchmark)
            out["cudnn_allow_tf32"] = bool(torch.backends.cudnn.allow_tf32)
            out["matmul_allow_tf32"] = bool(torch.backends.cuda.matmul.allow_tf32)
        env = {k: v for k, v in os.environ.items()
               if k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "KMP_BLOCKTIME",
                        "KMP_AFFINITY", "CUDA_VISIBLE_DEVICES", "PYTORCH_ENABLE_MPS_FALLBACK", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "LD_PRELOAD")}
        if env:
            out["env"] = env
        return out

    def _device_label(self) -> str | None:
        torch = self.torch
        try:
            if self.dev.type == "cuda":
                return str(torch.cuda.get_device_name(self.dev))
            if self.dev.type == "xpu":
                return str(torch.xpu.get_device_name(self.dev.index or 0))
        except Exception:  # noqa: BLE001 - a name is optional
            return None
        return None


def logits_for(torch: Any, canonical: list[tuple[Any, Any]], x_nchw: Any) -> list[float]:
    """The net's logits on the CPU for canonical weights and an NCHW float32 batch (the cross-framework check)."""
    model = cnn.build_torch(torch)
    cnn.load_torch(torch, model, canonical)
    model.eval()
    with torch.inference_mode():
        return model(torch.as_tensor(x_nchw, dtype=torch.float32)).flatten().tolist()
