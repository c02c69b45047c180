"""The newsbot application: the composition root that puts the core (`bot`) and the chat platforms
(`adapters`, found through the `newsbot.platforms` entry points) together.

`newsbot.cli` is the `newsbot` command; `newsbot.assemble` builds the database engine, migrates it
once and assembles the services of a process; `newsbot.platforms` loads the platforms and their
digest posters; `newsbot.digest_cli` is `newsbot digest preview|run-due`.
"""
