"""Runtimes reproduced from the Open edX platform's code, and the tests that run the blocks on them."""
