"""Ofsted Annual Performance Assessment letters (2005-2008)."""

from .reader import LOADER, ApaLoader, split_items

__all__ = ["LOADER", "ApaLoader", "split_items"]
