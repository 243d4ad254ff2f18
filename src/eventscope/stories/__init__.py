"""Stories: reports of one happening by many outlets, grouped and counted (`update_stories`)."""

from eventscope.stories.cluster import StoryItem, story_item, update_stories

__all__ = ["StoryItem", "story_item", "update_stories"]
