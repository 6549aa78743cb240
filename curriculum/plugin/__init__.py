"""The MkDocs view of the catalog (the only part of the package that imports MkDocs)."""
