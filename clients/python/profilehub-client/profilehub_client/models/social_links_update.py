from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SocialLinksUpdate")


@_attrs_define
class SocialLinksUpdate:
    """Social links to change; `null` clears one, an absent one is left alone.

    Attributes:
        github (None | str | Unset): GitHub profile URL.
        instagram (None | str | Unset): Instagram profile URL.
        linkedin (None | str | Unset): LinkedIn profile URL.
        twitter (None | str | Unset): Twitter / X profile URL.
    """

    github: None | str | Unset = UNSET
    instagram: None | str | Unset = UNSET
    linkedin: None | str | Unset = UNSET
    twitter: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        github: None | str | Unset
        if isinstance(self.github, Unset):
            github = UNSET
        else:
            github = self.github

        instagram: None | str | Unset
        if isinstance(self.instagram, Unset):
            instagram = UNSET
        else:
            instagram = self.instagram

        linkedin: None | str | Unset
        if isinstance(self.linkedin, Unset):
            linkedin = UNSET
        else:
            linkedin = self.linkedin

        twitter: None | str | Unset
        if isinstance(self.twitter, Unset):
            twitter = UNSET
        else:
            twitter = self.twitter

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if github is not UNSET:
            field_dict["github"] = github
        if instagram is not UNSET:
            field_dict["instagram"] = instagram
        if linkedin is not UNSET:
            field_dict["linkedin"] = linkedin
        if twitter is not UNSET:
            field_dict["twitter"] = twitter

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_github(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        github = _parse_github(d.pop("github", UNSET))

        def _parse_instagram(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instagram = _parse_instagram(d.pop("instagram", UNSET))

        def _parse_linkedin(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        linkedin = _parse_linkedin(d.pop("linkedin", UNSET))

        def _parse_twitter(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        twitter = _parse_twitter(d.pop("twitter", UNSET))

        social_links_update = cls(
            github=github,
            instagram=instagram,
            linkedin=linkedin,
            twitter=twitter,
        )

        return social_links_update
