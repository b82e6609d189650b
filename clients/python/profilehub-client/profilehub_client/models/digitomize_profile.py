from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.digitomize_github import DigitomizeGithub
    from ..models.digitomize_personal_data import DigitomizePersonalData
    from ..models.digitomize_ratings import DigitomizeRatings
    from ..models.digitomize_social import DigitomizeSocial


T = TypeVar("T", bound="DigitomizeProfile")


@_attrs_define
class DigitomizeProfile:
    """A Digitomize public profile.

    Attributes:
        github (DigitomizeGithub): `github` of a Digitomize profile (profilehub stores no GitHub statistics: always
            null).
        personal_data (DigitomizePersonalData): `personal_data` of a Digitomize profile.
        ratings (DigitomizeRatings): Digitomize's `ratings`.
        social (DigitomizeSocial): `social` of a Digitomize profile.
    """

    github: DigitomizeGithub
    personal_data: DigitomizePersonalData
    ratings: DigitomizeRatings
    social: DigitomizeSocial
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        github = self.github.to_dict()

        personal_data = self.personal_data.to_dict()

        ratings = self.ratings.to_dict()

        social = self.social.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "github": github,
                "personal_data": personal_data,
                "ratings": ratings,
                "social": social,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.digitomize_github import DigitomizeGithub  # noqa: PLC0415
        from ..models.digitomize_personal_data import DigitomizePersonalData  # noqa: PLC0415
        from ..models.digitomize_ratings import DigitomizeRatings  # noqa: PLC0415
        from ..models.digitomize_social import DigitomizeSocial  # noqa: PLC0415

        d = dict(src_dict)
        github = DigitomizeGithub.from_dict(d.pop("github"))

        personal_data = DigitomizePersonalData.from_dict(d.pop("personal_data"))

        ratings = DigitomizeRatings.from_dict(d.pop("ratings"))

        social = DigitomizeSocial.from_dict(d.pop("social"))

        digitomize_profile = cls(
            github=github,
            personal_data=personal_data,
            ratings=ratings,
            social=social,
        )

        digitomize_profile.additional_properties = d
        return digitomize_profile

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
