"""Scanning JSONL files of posts: the job behind ``netgov scan``."""
