using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Payments.Tests.Integration.Http;

/// <summary>JWTs shaped like the commerce backend's <c>POST /auth/user/emailpass</c> answer (spec §2.2, G01).</summary>
public static class AdminTokens
{
    public static string Valid(string actorId = ApiHost.AdminUser) => Create(actorId, "user", DateTime.UtcNow.AddHours(24), ApiHost.JwtSecret);

    public static string Create(string actorId, string actorType, DateTime expires, string secret) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["actor_id"] = actorId,
                ["actor_type"] = actorType,
                ["auth_identity_id"] = "authid_01M86MRZEZ",
                ["auth_provider"] = "emailpass",
                ["app_metadata"] = new Dictionary<string, object> { ["user_id"] = actorId },
            },
            IssuedAt = expires.AddHours(-24),
            NotBefore = expires.AddHours(-24),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });

    public static string Basic(string secretKey) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(secretKey + ":"));
}
