using System.Text;
using Payments.Tests.Unit.Authentication;

namespace Payments.Tests.Integration.Http;

/// <summary>JWTs shaped like the commerce backend's <c>POST /auth/user/emailpass</c> answer (spec §2.2, G01).</summary>
public static class AdminTokens
{
    public static string Valid(string actorId = ApiHost.AdminUser) => Create(actorId, "user", DateTime.UtcNow.AddHours(24), ApiHost.JwtSecret);

    public static string Create(string actorId, string actorType, DateTime expires, string secret) =>
        TestJwts.Sign(TestJwts.Claims(actorId, actorType, new DateTimeOffset(expires, TimeSpan.Zero).AddHours(-24)), secret);

    public static string Basic(string secretKey) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(secretKey + ":"));
}
