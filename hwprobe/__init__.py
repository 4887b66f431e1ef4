"""hwprobe: which accelerators can PyTorch and TensorFlow really use here, and how to fix it."""

__version__ = "0.1.0"
