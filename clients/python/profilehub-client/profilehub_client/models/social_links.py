from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SocialLinks")


@_attrs_define
class SocialLinks:
    """Social profile links (absolute http/https URLs).

    Attributes:
        github (None | str): GitHub profile URL.
        instagram (None | str): Instagram profile URL.
        linkedin (None | str): LinkedIn profile URL.
        twitter (None | str): Twitter / X profile URL.
    """

    github: None | str
    instagram: None | str
    linkedin: None | str
    twitter: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        github: None | str
        github = self.github

        instagram: None | str
        instagram = self.instagram

        linkedin: None | str
        linkedin = self.linkedin

        twitter: None | str
        twitter = self.twitter

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "github": github,
                "instagram": instagram,
                "linkedin": linkedin,
                "twitter": twitter,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_github(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        github = _parse_github(d.pop("github"))

        def _parse_instagram(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        instagram = _parse_instagram(d.pop("instagram"))

        def _parse_linkedin(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        linkedin = _parse_linkedin(d.pop("linkedin"))

        def _parse_twitter(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        twitter = _parse_twitter(d.pop("twitter"))

        social_links = cls(
            github=github,
            instagram=instagram,
            linkedin=linkedin,
            twitter=twitter,
        )

        social_links.additional_properties = d
        return social_links

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
