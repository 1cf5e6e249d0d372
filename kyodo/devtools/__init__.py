"""Tools for developers, never run by the build: benchmark, synthetic data, finding a browser."""
