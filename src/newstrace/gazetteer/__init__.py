"""The gazetteer: reference data every stage reads through one loader."""
