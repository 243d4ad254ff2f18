"""Stories: reports of one happening by many outlets, grouped and counted (`update_stories`),
and the dates and places a story lends its reports (`story_dates`, `story_places`)."""

from eventscope.stories.cluster import StoryItem, story_item, update_stories
from eventscope.stories.dating import StoryDate, StoryEvent, StoryPlace, story_dates, story_places

__all__ = ["StoryDate", "StoryEvent", "StoryItem", "StoryPlace", "story_dates", "story_item", "story_places",
           "update_stories"]
