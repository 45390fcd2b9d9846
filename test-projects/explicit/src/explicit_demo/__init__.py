"""A package whose catalogs live in translations/, compiled into explicit_demo/i18n/."""
