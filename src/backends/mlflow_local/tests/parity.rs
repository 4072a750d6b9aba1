//! Parity with a real mlflow server: see parity.py.
