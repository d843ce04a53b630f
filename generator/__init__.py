"""Turn a folder of news articles into a static, cited timeline website."""

__version__ = "0.1.0"
