"""A project read and checked: fields, discovery, hand-written pages, the catalog."""
