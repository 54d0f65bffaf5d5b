using Microsoft.AspNetCore.Http;
using Payments.Api.Requests;

namespace Payments.Tests.Unit.Requests;

/// <summary>Spec §1.3: query strings follow Express/qs conventions, plus Medusa's comma splitting.</summary>
public sealed class QueryParametersTests
{
    [Theory]
    [InlineData("id=a&id=b", """{"id":["a","b"]}""")]
    [InlineData("id[]=a&id[]=b", """{"id":["a","b"]}""")]
    [InlineData("id[]=a", """{"id":["a"]}""")]
    [InlineData("id=a&id[]=b", """{"id":["a","b"]}""")]
    public void Repeated_keys_and_bracket_keys_make_arrays(string query, string expected) =>
        AssertParsed(expected, query);

    [Theory]
    [InlineData("id[]=a,b", """{"id":["a","b"]}""")]
    [InlineData("id[]=a,,b", """{"id":["a","","b"]}""")]
    [InlineData("id=a,b&id=c", """{"id":["a,b","c"]}""")]
    [InlineData("id=a,b", """{"id":"a,b"}""")]
    [InlineData("filter[id][]=a,b", """{"filter":{"id":["a,b"]}}""")]
    public void Only_a_top_level_array_of_one_string_is_split_on_commas(string query, string expected) =>
        AssertParsed(expected, query);

    [Theory]
    [InlineData("created_at[$gte]=2026-11-24T00:00:00.000Z", """{"created_at":{"$gte":"2026-11-24T00:00:00.000Z"}}""")]
    [InlineData("created_at%5B%24gte%5D=x", """{"created_at":{"$gte":"x"}}""")]
    [InlineData("created_at[$in][]=a&created_at[$in][]=b", """{"created_at":{"$in":["a","b"]}}""")]
    [InlineData("$or[0][id]=a&$or[1][q]=b", """{"$or":[{"id":"a"},{"q":"b"}]}""")]
    [InlineData("a[b][c]=d", """{"a":{"b":{"c":"d"}}}""")]
    public void Bracketed_sub_keys_make_objects(string query, string expected) => AssertParsed(expected, query);

    [Theory]
    [InlineData("q=a+b", """{"q":"a b"}""")]
    [InlineData("fields=+status", """{"fields":" status"}""")]
    [InlineData("fields=%2Bstatus", """{"fields":"+status"}""")]
    [InlineData("q=caf%C3%A9", """{"q":"café"}""")]
    [InlineData("a%20b=c", """{"a b":"c"}""")]
    public void Plus_is_a_space_and_escapes_are_decoded(string query, string expected) => AssertParsed(expected, query);

    [Theory]
    [InlineData("q=%zz", """{"q":"%zz"}""")]
    [InlineData("q=a%20b%zz+c", """{"q":"a%20b%zz c"}""")]
    [InlineData("q=%C3", """{"q":"%C3"}""")]
    [InlineData("q=%", """{"q":"%"}""")]
    public void A_malformed_escape_leaves_the_whole_value_undecoded(string query, string expected) =>
        AssertParsed(expected, query);

    [Theory]
    [InlineData("", "{}")]
    [InlineData("?", "{}")]
    [InlineData("?region_id=reg_1", """{"region_id":"reg_1"}""")]
    [InlineData("fields=", """{"fields":""}""")]
    [InlineData("with_deleted", """{"with_deleted":""}""")]
    [InlineData("a=1&&b=2&", """{"a":"1","b":"2"}""")]
    [InlineData("=x", "{}")]
    [InlineData("a=b=c", """{"a":"b=c"}""")]
    public void Empty_and_partial_parameters(string query, string expected) => AssertParsed(expected, query);

    [Theory]
    [InlineData("a[1]=b&a[0]=c", """{"a":["c","b"]}""")]
    [InlineData("a[3]=x", """{"a":["x"]}""")]
    [InlineData("a[20]=x", """{"a":["x"]}""")]
    [InlineData("a[21]=x", """{"a":{"21":"x"}}""")]
    [InlineData("a[01]=x", """{"a":{"01":"x"}}""")]
    public void Indexed_keys_place_array_elements_up_to_index_20(string query, string expected) =>
        AssertParsed(expected, query);

    [Theory]
    [InlineData("a=b&a[c]=d", """{"a":["b",{"c":"d"}]}""")]
    [InlineData("a[c]=d&a=b", """{"a":{"c":"d","b":true}}""")]
    [InlineData("a[0]=b&a[x]=c", """{"a":{"0":"b","x":"c"}}""")]
    [InlineData("a[b]=c&a=", """{"a":{"b":"c"}}""")]
    public void Mixed_shapes_merge_as_qs_merges_them(string query, string expected) => AssertParsed(expected, query);

    [Fact]
    public void Nesting_stops_at_depth_five_and_keeps_the_rest_as_one_key() =>
        AssertParsed("""{"a":{"b":{"c":{"d":{"e":{"f":{"[g][h]":"i"}}}}}}}""", "a[b][c][d][e][f][g][h]=i");

    [Fact]
    public void Array_index_keys_come_first_as_in_a_javascript_object() =>
        AssertParsed("""{"10":"2","b":"1"}""", "b=1&10=2");

    [Fact]
    public void A_proto_key_is_dropped() => AssertParsed("""{"a":{}}""", "a[__proto__]=x");

    [Fact]
    public void Only_the_first_1000_parameters_are_read()
    {
        var query = string.Join('&', Enumerable.Range(0, 1001).Select(i => $"p{i}=v"));

        var parsed = QueryParameters.Parse(query);

        Assert.Equal(1000, parsed.Values.EnumerateObject().Count());
        Assert.False(parsed.Values.TryGetProperty("p1000", out _));
    }

    [Fact]
    public void The_raw_query_string_of_the_request_is_parsed()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?fields=%2Bstatus&id[]=a,b");

        var parsed = QueryParameters.From(context.Request);

        Assert.Equal("""{"fields":"+status","id":["a","b"]}""", parsed.Values.GetRawText());
    }

    private static void AssertParsed(string expectedJson, string query) =>
        Assert.Equal(expectedJson, QueryParameters.Parse(query).Values.GetRawText());
}
