"""Placeholder until the console is built."""

from fastapi import FastAPI


def mount(app: FastAPI) -> None:
    pass
