"""Placeholder until this router is built."""

from fastapi import APIRouter

router = APIRouter()
