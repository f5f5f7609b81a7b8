"""Evaluation sets written for newsledger, and the code that scores the pipeline on them."""
