"""Exports: the catalog in the formats of learning-management systems, print and offline use.

Every format is an :class:`~curriculum.export.base.Exporter` (``export(catalog,
lang, out_dir) -> list[Path]``), one module per format:

=============  ==========================================================  =====================================
format         what                                                        file (under the output folder)
=============  ==========================================================  =====================================
``scorm12``    SCORM 1.2 package per track and language                    ``scorm/<track>.<lang>.scorm12.zip``
``scorm2004``  SCORM 2004 4th Edition package per track and language       ``scorm/<track>.<lang>.scorm2004.zip``
``qti``        every quiz as an IMS QTI 2.1 content package                ``quizzes/quizzes.<lang>.qti21.zip``
``moodle``     every quiz as Moodle XML                                    ``quizzes/quizzes.<lang>.moodle.xml``
``gift``       every quiz as GIFT                                          ``quizzes/quizzes.<lang>.gift.txt``
``handbook``   PDF handbook per track, language and edition                ``handbooks/<track>.<lang>.<edition>.pdf``
``offline``    the learner site per language, for ``file://``              ``offline/site.<lang>.offline.zip``
=============  ==========================================================  =====================================

This module stays import-light: :mod:`curriculum.checks` imports
:mod:`curriculum.export.checks` while the catalog loads.
"""

from __future__ import annotations

FORMATS: tuple[str, ...] = ("scorm12", "scorm2004", "qti", "moodle", "gift", "handbook", "offline")
GROUPS: dict[str, tuple[str, ...]] = {
    "all": FORMATS,
    "scorm": ("scorm12", "scorm2004"),
    "quizzes": ("qti", "moodle", "gift"),
}
