"""The commands that do more than run the pipeline once (as MkDocs keeps
``commands/build.py``, ``commands/serve.py``)."""
