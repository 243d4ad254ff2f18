"""Stories: reports of one happening by many outlets, grouped and counted (`update_stories`),
and the dates a story lends its undated reports (`story_dates`)."""

from eventscope.stories.cluster import StoryItem, story_item, update_stories
from eventscope.stories.dating import StoryDate, StoryEvent, story_dates

__all__ = ["StoryDate", "StoryEvent", "StoryItem", "story_dates", "story_item", "update_stories"]
