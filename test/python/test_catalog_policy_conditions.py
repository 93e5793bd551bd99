"""RestrictGlueCatalogPolicy's condition logic pinned with literal results (mutation testing, issue 11):
address parsing, how many addresses a SourceIp list admits, which values are fixed, which operators confine."""

import pytest
import restrict_glue_catalog_policy as script

V4_ALL = (4, 0, (1 << 32) - 1)


@pytest.mark.parametrize(
    ('text', 'expected'),
    [
        ('10.0.0.1', (4, 0x0A000001, 0x0A000001)),
        ('10.0.0.1/32', (4, 0x0A000001, 0x0A000001)),
        ('10.1.2.3/8', (4, 0x0A000000, 0x0AFFFFFF)),
        ('192.168.1.0/24', (4, 0xC0A80100, 0xC0A801FF)),
        ('255.255.255.255/0', V4_ALL),
        (' 0.0.0.0/0 ', V4_ALL),
        ('10.0.0.256', None),
        ('10.0.0', None),
        ('10.0.0.1.5', None),
        ('10.00.0.1', None),
        ('10.0.0.1/33', None),
        ('10.0.0.1/08', None),
        ('10.0.0.1/', None),
        ('10.0.0.1/x', None),
        ('::1', (6, 1, 1)),
        ('::', (6, 0, 0)),
        ('2001:db8::/32', (6, 0x20010DB8 << 96, (0x20010DB8 << 96) + (1 << 96) - 1)),
        ('2001:db8::1/128', (6, (0x20010DB8 << 96) + 1, (0x20010DB8 << 96) + 1)),
        ('1:2:3:4:5:6:7:8', (6, 0x00010002000300040005000600070008, 0x00010002000300040005000600070008)),
        ('ffff::', (6, 0xFFFF << 112, 0xFFFF << 112)),
        ('::ffff:10.0.0.1', (6, 0xFFFF0A000001, 0xFFFF0A000001)),
        ('::/0', (6, 0, (1 << 128) - 1)),
        ('1:2:3:4:5:6:7', None),
        ('1:2:3:4:5:6:7:8:9', None),
        ('1::2::3', None),
        ('1:2:3:4::5:6:7:8', None),
        ('12345::', None),
        ('g::', None),
        ('::ffff:10.0.0.300', None),
        ('::10.0.0.1:1', None),
        ('::1/129', None),
    ],
)
def test_ip_range(text, expected):
    assert script._ip_range(text) == expected


@pytest.mark.parametrize(
    ('values', 'confines'),
    [
        (['10.0.0.0/8'], True),
        (['10.0.0.0/7'], False),
        (['10.0.0.0/9', '10.128.0.0/9'], True),
        (['10.0.0.0/8', '10.0.0.0/8'], True),
        (['10.0.0.0/8', '10.0.0.1'], True),
        (['10.0.0.0/8', '11.0.0.0/32'], False),
        (['10.0.0.0/8', '2001:db8::/32'], True),
        (['2001:db8::/31'], False),
        (['10.0.0.1', 'not an address'], False),
        ([], False),
    ],
)
def test_source_ips_confine_at_most_a_slash_8_or_a_slash_32(values, confines):
    assert script._ips_confine(values) is confines


@pytest.mark.parametrize(
    ('kind', 'value', 'fixed'),
    [
        ('id', 'o-abc123', True),
        ('id', 'o-*', False),
        ('id', '11112222333?', False),
        ('id', '', False),
        ('id', '   ', False),
        ('id', '${aws:PrincipalAccount}', False),
        # The escape ${*} is a literal '*', still counted as a wildcard: conservative, never too lenient.
        ('id', 'o-abc${*}', False),
        ('orgPath', 'o-abc/r-ab12/ou-ab12-11111111/', True),
        ('orgPath', 'o-abc/*', True),
        ('orgPath', '*/r-ab12/', False),
        ('orgPath', '/r-ab12/', False),
        ('arn', 'arn:aws:iam::111122223333:role/reader', True),
        ('arn', 'arn:aws:iam::111122223333:role/*', True),
        ('arn', 'arn:aws:iam::*:role/reader', False),
        ('arn', 'arn:aws:iam::1111222233:role/reader', False),
        ('arn', 'arn:aws:s3:::bucket', True),
        ('arn', 'arn:aws:s3:::bucket*', False),
        ('arn', 'arn:aws:iam:111122223333', False),
        ('arn', 'urn:aws:iam::111122223333:role/reader', False),
        ('ip', '10.0.0.1', False),
    ],
)
def test_fixed_values(kind, value, fixed):
    assert script._fixed(kind, value) is fixed


@pytest.mark.parametrize(
    ('operator', 'key', 'values', 'restricting'),
    [
        ('StringEquals', 'aws:PrincipalOrgID', 'o-abc123', True),
        ('StringEquals', 'AWS:PRINCIPALORGID', ['o-abc123'], True),
        ('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', ['o-abc/r-ab12/'], True),
        ('ForAllValues:StringEquals', 'aws:PrincipalOrgID', ['o-abc123'], False),
        ('StringEqualsIfExists', 'aws:PrincipalOrgID', ['o-abc123'], False),
        ('StringNotEquals', 'aws:PrincipalOrgID', ['o-abc123'], False),
        ('Null', 'aws:PrincipalOrgID', ['false'], False),
        ('ArnEquals', 'aws:PrincipalOrgID', ['o-abc123'], False),
        ('ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:role/*'], True),
        ('StringEquals', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:role/r'], True),
        ('StringEquals', 'aws:PrincipalAccount', [], False),
        ('StringEquals', 'aws:PrincipalAccount', ['111122223333', '*'], False),
        ('StringEquals', 'aws:RequestedRegion', ['us-east-1'], False),
        ('IpAddress', 'aws:SourceIp', ['203.0.113.0/24'], True),
        ('IpAddress', 'aws:SourceIp', ['0.0.0.0/0'], False),
        ('StringEquals', 'aws:SourceIp', ['203.0.113.7'], False),
        ('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], False),
    ],
)
def test_restricting_operators(operator, key, values, restricting):
    assert script._restricting(operator, key, values) is restricting


# Pinned for mutation testing (issue 11): boundaries a wrong comparison or a wrong start value would move.


@pytest.mark.parametrize(
    ('text', 'expected'),
    [
        ('1:2:3:4:5:6:7::', (6, 0x00010002000300040005000600070000, 0x00010002000300040005000600070000)),
        ('::2:3:4:5:6:7:8', (6, 0x00000002000300040005000600070008, 0x00000002000300040005000600070008)),
    ],
)
def test_a_double_colon_may_stand_for_a_single_zero_group(text, expected):
    assert script._ip_range(text) == expected


@pytest.mark.parametrize('text', ['1:2:3:4:5:6:7:8::9::', '1:2:3:4::5:6:7:8::', '1::2::'])
def test_two_double_colons_are_no_address_even_after_eight_groups(text):
    assert script._ip_range(text) is None


@pytest.mark.parametrize(
    ('values', 'confines'),
    [
        # A range from address 0 is counted whole: 2**24 + 1 addresses are more than a /8.
        (['0.0.0.0/8', '1.0.0.0/32'], False),
        (['0.0.0.0/8'], True),
        # Overlapping blocks are counted once: a /9 inside a /8 is still a /8's worth.
        (['10.0.0.0/9', '10.0.0.0/8'], True),
        (['10.0.0.0/9', '10.64.0.0/9'], True),  # 10.64.0.0/9 is the block 10.0.0.0/9
    ],
)
def test_source_ip_counting_boundaries(values, confines):
    assert script._ips_confine(values) is confines


@pytest.mark.parametrize(
    'condition',
    [
        ['StringEquals', {'aws:PrincipalOrgID': 'o-abc123'}],  # not an object: confines nothing
        {'StringEquals': 'o-abc123'},  # an operator without a key object
        'aws:PrincipalOrgID',
    ],
)
def test_a_malformed_condition_restricts_nothing(condition):
    assert script._public({'Effect': 'Allow', 'Principal': '*', 'Condition': condition}) is True


def test_a_policy_repeating_a_member_name_is_refused_with_the_name():
    with pytest.raises(ValueError) as raised:
        script._loads('{"Statement": [{"Effect": "Allow", "Effect": "Deny"}]}')
    assert str(raised.value) == "policy repeats the key 'Effect'"
